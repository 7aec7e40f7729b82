export { matMul } from './matMul.js';
export { activate, Dense, type Activation } from './Dense.js';
export { Mlp, type MlpSpec } from './Mlp.js';
export { gemmInfo, nativeGemmActive, useNativeGemm } from './gemm/useNativeGemm.js';
export { loadNativeGemm, nativeGemmStatus, type NativeGemm } from './gemm/loadNativeGemm.js';
export { FusedAdam, type AdamScalars } from './optim/FusedAdam.js';
export { denseAct } from './denseAct.js';
export { infoNceBound } from './infoNceBound.js';
export { defaultThreads } from './gemm/useNativeGemm.js';
