import { readdirSync } from 'node:fs';
import type { KpiDefinition } from '../kpi.ts';

/**
 * Every KPI: each module of this folder that exports `kpi` (so adding a KPI is adding a file).
 * Ordered by `order`; ids are unique kebab-case.
 */
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'shared.ts')
  .sort();

const loaded: KpiDefinition[] = [];
for (const file of files) {
  const module = (await import(new URL(file, import.meta.url).href)) as { kpi?: KpiDefinition };
  if (!module.kpi) throw new Error(`src/modules/performance/kpis/${file} does not export \`kpi\``);
  loaded.push(module.kpi);
}
const ids = new Set<string>();
for (const k of loaded) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(k.id)) throw new Error(`KPI id "${k.id}" is not kebab-case`);
  if (ids.has(k.id)) throw new Error(`KPI id "${k.id}" is defined twice`);
  ids.add(k.id);
}

export const KPIS: readonly KpiDefinition[] = Object.freeze(loaded.sort((a, b) => a.order - b.order));

export function kpiById(id: string): KpiDefinition | undefined {
  return KPIS.find((k) => k.id === id);
}
