import { referenceData } from '../../src/modules/organisation/service.ts';
import type { Nation } from './people.ts';

export interface AreaInfo {
  id: string;
  code: string;
  name: string;
  nameCy: string;
  nation: Nation;
  /** Relative volume of cases. */
  weight: number;
  courtIds: string[];
  localAuthorityCodes: string[];
}

/** Busier areas (by population); the rest of England is 1. Cafcass Cymru is ≈8% of the volume. */
const ENGLISH_WEIGHTS: Record<string, number> = {
  'eng-01': 0.8,
  'eng-02': 0.9,
  'eng-03': 1.35,
  'eng-04': 1.3,
  'eng-09': 0.8,
  'eng-15a': 1.1,
  'eng-15b': 1.2,
  'eng-17': 1.2,
};
const WELSH_WEIGHT = 0.32;

/** Service areas with their courts and local authorities, from the repository's reference files. */
export function loadAreas(): AreaInfo[] {
  const data = referenceData();
  return data.areas.map((a) => ({
    id: a.id,
    code: a.code,
    name: a.name,
    nameCy: a.nameCy,
    nation: a.nation,
    weight: a.nation === 'wales' ? WELSH_WEIGHT : (ENGLISH_WEIGHTS[a.id] ?? 1),
    courtIds: data.courts.filter((c) => c.areaId === a.id).map((c) => c.id),
    localAuthorityCodes: data.localAuthorities.filter((l) => l.areaId === a.id).map((l) => l.code),
  }));
}
