# Runs this plugin in InfoBED, from your InfoBED clone:
#   npx -y pnpm@10.34.9 infobed design --config __DIR__/example.yaml
# `plugins: [.]` is this folder (config paths resolve from the config file's folder);
# `npm install` here must have built dist/ first.
plugins: [.]
__CONFIG__
design: { steps: 300, finalCriticSteps: 100, batch: 64 }
evaluate: { outer: 500, inner: 1000 }
