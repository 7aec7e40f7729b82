# __PACKAGE__

An InfoBED __NOUN__ plugin, id `__ID__`, made with `infobed plugins new __KINDARG__ __ID__`.
__SUMMARY__

## Set up, build and test

```sh
npm install      # installs @infobed/core from vendor/ (packed from your InfoBED clone), builds dist/
npm test         # __TESTSUMMARY__
```

`@infobed/core`, `@tensorflow/tfjs` and `inversify` are **peer dependencies** (and dev dependencies,
for the tests): when InfoBED loads this plugin it uses its own copies of all three, so there is one
TF.js engine and one DI container. Keep their versions equal to your InfoBED's (InfoBED refuses a
plugin that installed another version). Never move them to `dependencies`.

## Use it from InfoBED

From your InfoBED clone (`npm install` here must have built `dist/`; the paths are where this
folder was created, change them if you move it):

```sh
__USAGE__
```

or in a config (a path is resolved from the config file's folder; a package name from
`node_modules`):

```yaml
plugins: [__DIR__]
__CONFIG__
```

InfoBED reads `package.json` first: `"infobed": { "apiVersion": 1, "provides": {…} }` must list
exactly the ids the module binds, and `meta.name` / `meta.version` in `src/index.ts` must equal
`name` / `version` here (bump both together). Loading a plugin runs its code: InfoBED reports
anything it throws as an error of this plugin (exit code 4). `result.json` of every run records
this package's name, version and the options it was given.

## Files

- `src/__CLASS__.ts`: __CLASSDOC__
- `src/__CLASS__.spec.ts`: __SPECDOC__
- `src/module.ts`: the factory bound under `TOKENS.__TOKEN__` in an inversify `ContainerModule`.
- `src/index.ts`: the default export InfoBED validates (`InfobedPlugin`).

Every contract (shapes, what `create(options)` receives, how to validate options, likelihoods and
closed forms) is documented in InfoBED's `docs/plugins.md`.

## Publish

`npm publish` (the package ships `dist/`). Name it `infobed-plugin-<name>` or
`@scope/infobed-plugin-<name>` and keep the `infobed-plugin` keyword. Users then
`npm install` it beside their InfoBED and pass its package name to `--plugin`.
