// Self-lint: typescript-eslint strict + stylistic, type-aware, over every TypeScript file.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // generated/: ajv's standalone validator code, written by `pnpm gen` (scripts/lib/validators.js).
  { ignores: ["**/dist/**", "**/node_modules/**", "fixtures/**", "coverage/**", "**/src/**/generated/**"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ["./packages/*/tsconfig.json", "./rules/tsconfig.json", "./tsconfig.test.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unnecessary-condition": ["error", { allowConstantLoopConditions: true }],
      // It asks for `x!` where `x as T` narrows away undefined, which no-non-null-assertion (strict)
      // then forbids. Keep the explicit cast, written only where an invariant guarantees the value.
      "@typescript-eslint/non-nullable-type-assertion-style": "off",
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },
);
