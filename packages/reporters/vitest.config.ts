import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "reporters", include: ["test/**/*.test.ts"] },
});
