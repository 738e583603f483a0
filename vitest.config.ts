import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/core", "packages/reporters", "packages/cli", "rules", "test"],
  },
});
