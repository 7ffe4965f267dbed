import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Each test file starts its own loopback servers (dynalite, feeds, EventBridge stand-in).
    testTimeout: 10_000,
    // Test files share each worker's module cache instead of re-importing the AWS SDK, Bolt and the
    // core for every file: about 25 s of imports on 2 CPUs. Files hold no state between them (each
    // starts its own servers and restores its spies); they pass in any file order
    // (`--sequence.shuffle.files`).
    isolate: false,
    // SST's Resource reads the linked resources once per module instance: processed by vitest, a
    // test that wires Lambda handlers can load them afresh (vi.resetModules) with its own.
    server: { deps: { inline: ["sst"] } },
    hookTimeout: 10_000,
    // Tests that expect a refusal would print the handlers' warnings; errors still show.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", RECAP_LOG_LEVEL: "error" },
  },
});
