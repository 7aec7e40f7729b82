export { matMul } from './matMul.js';
export { activate, Dense, type Activation } from './Dense.js';
export { Mlp, type MlpSpec } from './Mlp.js';
