{
  "name": "__PACKAGE__",
  "version": "0.1.0",
  "description": "__DESCRIPTION__",
  "type": "module",
  "license": "MIT",
  "keywords": ["infobed-plugin"],
  "exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" } },
  "files": ["dist", "README.md"],
  "infobed": { "apiVersion": 1, "provides": { "__KIND__": ["__ID__"] } },
  "scripts": {
    "build": "tsc",
    "prepare": "tsc",
    "test": "vitest run"
  },
  "peerDependencies": {
    "@infobed/core": "^__CORE_VERSION__",
    "@tensorflow/tfjs": "__TFJS_VERSION__",
    "inversify": "__INVERSIFY_VERSION__"
  },
  "devDependencies": {
    "@infobed/core": "__CORE_SPEC__",
    "@tensorflow/tfjs": "__TFJS_VERSION__",
    "inversify": "__INVERSIFY_VERSION__",
    "typescript": "__TS_VERSION__",
    "vitest": "__VITEST_VERSION__"
  }
}
