/** The performance module's public face: what routes, scripts and the bench use. */
export { loadCaseBundles } from './bundle-loader.ts';
export { type CaseBundle, placeOn } from './case-bundle.ts';
export { EXPORT_LIMIT, readDrillDown, readDrillDownAll } from './drilldown.ts';
export { readEarlyWarning } from './early-warning.ts';
export { figureFrom, readDashboard, readFigures, snapshotDay } from './figures.ts';
export type { KpiDefinition, KpiKind, KpiUnit } from './kpi.ts';
export { KPIS, kpiById } from './kpis/index.ts';
export { type FactRow, measureCase } from './measure.ts';
export * from './periods.ts';
export type * from './read-model.ts';
export { rebuildKpis, refreshKpis, startKpiRefresh } from './refresh.ts';
export { readTargets, targetFor } from './targets.ts';
