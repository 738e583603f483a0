import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/core", "packages/reporters", "packages/cli", "packages/eslint-plugin", "rules", "test"],
  },
});
