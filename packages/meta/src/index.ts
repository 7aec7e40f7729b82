export {
  sampleSineEpisode,
  sampleSupportQuery,
  SINE_AMPLITUDE,
  SINE_PHASE,
  SINE_X,
  sineValue,
  slicePoints,
  ZERO_PREDICTOR_MSE,
  type SineEpisode,
  type SupportQuery,
} from './SineFamily.js';
export { perTaskMse, SineTestSet, summarise, TEST_SHOTS } from './SineTestSet.js';
export { metaStreams, type MetaStreams } from './metaStreams.js';
