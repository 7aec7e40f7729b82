export { renderChart, type ChartFiles, type VegaLiteSpec } from './renderChart.js';
export { lineChart, type LineChartSpec, type RuleSpec } from './lineChart.js';
