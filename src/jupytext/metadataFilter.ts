// Which notebook and cell metadata go into the script. Filters are Jupytext's strings:
// "key1,key2,-key3", "all", "-all"; dotted keys reach one level down ("jupytext.formats").
import { isPyObject, newPyObject, type PyObject, type PyValue } from '../notebook/pyjson.js';
import { isValidMetadataKey, JUPYTEXT_CELL_METADATA } from './cellMetadata.js';

export const DEFAULT_NOTEBOOK_METADATA = 'jupytext,kernelspec,org_babel,kernel_info,orphan,tocdepth';

interface FilterDict {
  additional?: string[] | 'all';
  excluded?: string[] | 'all';
}

export type MetadataFilter = string | boolean | FilterDict | undefined | null;

export function filterAsDict(filter: MetadataFilter): FilterDict {
  if (filter === undefined || filter === null) return {};
  if (filter === true) return { additional: 'all' };
  if (filter === false) return { excluded: 'all' };
  if (typeof filter === 'object') return filter;
  const out: { additional?: string[]; excluded?: string[] } = {};
  for (const raw of filter.split(',')) {
    const key = raw.trim();
    if (key.startsWith('-')) (out.excluded ??= []).push(key.slice(1).trim());
    else if (key.startsWith('+')) (out.additional ??= []).push(key.slice(1).trim());
    else (out.additional ??= []).push(key);
  }
  const result: FilterDict = {};
  for (const section of ['additional', 'excluded'] as const) {
    const list = out[section];
    if (list === undefined) continue;
    result[section] = list.includes('all') ? 'all' : list.filter((k) => k);
  }
  return result;
}

export function filterAsString(filter: MetadataFilter): string {
  if (typeof filter !== 'object' || filter === null) return String(filter ?? '');
  const additional = filter.additional ?? [];
  const entries = additional === 'all' ? ['all'] : additional.filter((k) => !JUPYTEXT_CELL_METADATA.includes(k));
  const excluded = filter.excluded ?? [];
  if (excluded === 'all') entries.push('-all');
  else entries.push(...excluded.map((e) => '-' + e));
  return entries.join(',');
}

function secondLevel(keys: Iterable<string>): Map<string, string[]> {
  const sub = new Map<string, string[]>();
  for (const key of keys) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const left = key.slice(0, dot);
    if (!sub.has(left)) sub.set(left, []);
    sub.get(left)!.push(key.slice(dot + 1));
  }
  return sub;
}

function subsetMetadata(metadata: PyObject, keepOnly: Set<string> | undefined, exclude: Set<string> | undefined, unsupported?: Set<string>): PyObject {
  const supported: string[] = [];
  for (const key of Object.keys(metadata)) {
    if (isValidMetadataKey(key)) supported.push(key);
    else unsupported?.add(key);
  }
  const filtered = newPyObject();
  if (keepOnly !== undefined) {
    for (const key of supported) if (keepOnly.has(key)) filtered[key] = metadata[key]!;
    const sub = secondLevel(keepOnly);
    for (const key of supported) {
      const subKeys = sub.get(key);
      const value = metadata[key];
      if (subKeys && isPyObject(value)) filtered[key] = subsetMetadata(value, new Set(subKeys), undefined, unsupported);
    }
  } else {
    for (const key of supported) filtered[key] = metadata[key]!;
  }
  if (exclude !== undefined) {
    for (const key of exclude) delete filtered[key];
    for (const [key, subKeys] of secondLevel(exclude)) {
      const value = filtered[key];
      if (isPyObject(value)) filtered[key] = subsetMetadata(value, undefined, new Set(subKeys), unsupported);
    }
  }
  return filtered;
}

/** Filters metadata with a user filter on top of a default one (Jupytext's semantics). */
export function filterMetadata(metadata: PyObject, userFilter: MetadataFilter, defaultFilter: MetadataFilter, unsupported?: Set<string>): PyObject {
  const def = filterAsDict(defaultFilter);
  const user = filterAsDict(userFilter);
  let defaultExclude = def.excluded ?? [];
  const defaultInclude = def.additional ?? [];
  if (Array.isArray(defaultInclude) && defaultInclude.length > 0 && Array.isArray(defaultExclude) && defaultExclude.length === 0) defaultExclude = 'all';
  const userExclude = user.excluded ?? [];
  const userInclude = user.additional ?? [];

  if (userInclude === 'all') return subsetMetadata(metadata, undefined, userExclude === 'all' ? undefined : new Set(userExclude), unsupported);
  if (userExclude === 'all') return subsetMetadata(metadata, new Set(userInclude), undefined, unsupported);
  if (defaultExclude === 'all') {
    return subsetMetadata(metadata, new Set([...userInclude, ...(defaultInclude === 'all' ? [] : defaultInclude)]), new Set(userExclude), unsupported);
  }
  let md = metadata;
  if (Array.isArray(md.tags) && md.tags.length === 0) {
    md = newPyObject();
    for (const k of Object.keys(metadata)) if (k !== 'tags') md[k] = metadata[k]!;
  }
  const exclude = new Set(userExclude);
  for (const k of defaultExclude) if (!userInclude.includes(k)) exclude.add(k);
  return subsetMetadata(md, undefined, exclude, unsupported);
}

/**
 * After reading a script: a script without a `jupyter:` header gets filters that keep the
 * notebook as the script shows it (so it stays header-less); otherwise existing filters are
 * extended with the cell metadata keys the script uses.
 */
export function updateMetadataFilters(metadata: PyObject, hasJupyterHeader: boolean, cellMetadataKeys: Set<string>): void {
  const jupytext = (): PyObject => {
    if (!isPyObject(metadata.jupytext)) metadata.jupytext = newPyObject();
    return metadata.jupytext as PyObject;
  };
  if (!hasJupyterHeader) {
    const j = jupytext();
    j.notebook_metadata_filter = '-all';
    if (!('cell_metadata_filter' in j)) j.cell_metadata_filter = filterAsString({ additional: [...cellMetadataKeys], excluded: 'all' });
    return;
  }
  const existing = isPyObject(metadata.jupytext) ? metadata.jupytext : undefined;
  if (existing && 'cell_metadata_filter' in existing) {
    const filter = filterAsDict(existing.cell_metadata_filter as string);
    const result: FilterDict = { ...filter };
    if (Array.isArray(result.excluded)) result.excluded = result.excluded.filter((k) => !cellMetadataKeys.has(k));
    result.additional ??= [];
    if (Array.isArray(result.additional)) {
      const additional = [...result.additional];
      for (const key of cellMetadataKeys) if (!additional.includes(key)) additional.push(key);
      result.additional = additional;
    }
    existing.cell_metadata_filter = filterAsString(result);
    return;
  }
  const current = existing && typeof existing.notebook_metadata_filter === 'string' ? existing.notebook_metadata_filter : '';
  const nbFilter = current.split(',').filter((k) => k);
  if (nbFilter.includes('all') || nbFilter.includes('-all')) return;
  const defaults = DEFAULT_NOTEBOOK_METADATA.split(',');
  for (const key of Object.keys(metadata)) {
    if (defaults.includes(key) || nbFilter.includes(key) || nbFilter.includes('-' + key)) continue;
    nbFilter.push(key);
  }
  if (nbFilter.length > 0) jupytext().notebook_metadata_filter = nbFilter.join(',');
}

export type { PyValue };
