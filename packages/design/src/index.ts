export { SgaDesignOptimiser } from './SgaDesignOptimiser.js';
export { DesignConfigSchema, DesignSectionSchema, EvaluateSectionSchema, type DesignConfig } from './DesignConfigSchema.js';
export { deepMerge, loadDesignConfig, readYaml, resolveConfigWithPresets, resolveDesignConfig } from './loadDesignConfig.js';
export type { EigEstimate, EigEvaluator, EvaluateSection } from './EigEstimate.js';
export { runDesign, type ComponentRecord, type DesignResult, type RunDesignOptions } from './runDesign.js';
export { historyCsv } from './historyCsv.js';
export { writeDesignPlots } from './designPlots.js';
export { DEFAULT_DESIGN_CONFIG } from './defaultDesignConfig.js';
export { designMemoryTerms, MAX_SDE_STEPS } from './designMemory.js';
