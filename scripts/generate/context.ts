import { type IdTag, idTag } from './ids.ts';
import { generateOrganisation, type Organisation } from './organisation.ts';
import { type NamePools, namePools } from './people.ts';
import { type AreaInfo, loadAreas } from './reference.ts';

/** What a run is defined by: the same settings always give the same data. */
export interface GeneratorSettings {
  seed: number;
  /** Cases are received over the last `years` years before `until`. */
  years: number;
  /** The moment the generated history ends ("now" for the data), start of a UTC day. */
  until: Date;
}

/** Everything a case needs that is shared by the whole run, built once from the settings. */
export interface GeneratorContext extends GeneratorSettings {
  tag: IdTag;
  pools: NamePools;
  areas: AreaInfo[];
  areaWeights: number[];
  organisation: Organisation;
  untilMs: number;
  fromMs: number;
  /** Weights of each year of the window, oldest first (about +5% a year). */
  yearWeights: number[];
}

export const YEAR_MS = 365.25 * 86_400_000;

export function createContext(settings: GeneratorSettings): GeneratorContext {
  const tag = idTag(settings.seed);
  const pools = namePools(settings.seed);
  const areas = loadAreas();
  const organisation = generateOrganisation({ ...settings, tag, pools, areas });
  const untilMs = settings.until.getTime();
  return {
    ...settings,
    tag,
    pools,
    areas,
    areaWeights: areas.map((a) => a.weight),
    organisation,
    untilMs,
    fromMs: untilMs - settings.years * YEAR_MS,
    yearWeights: Array.from({ length: settings.years }, (_, y) => 1.05 ** y),
  };
}
