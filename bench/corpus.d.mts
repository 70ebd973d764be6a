// Types of the corpus generator (bench/corpus.mjs), for the benchmarks and for the tests that
// check every notebook of it.
export function rng(seed: number): () => number;
export function makeNotebook(random: () => number, index: number, options?: { imageBytes?: number }): Record<string, unknown>;
export function ensureCorpus(dir: string, options?: { count?: number; seed?: number }): string[];
export function makeRealShapedNotebook(random: () => number, options?: { outputScale?: number }): string;
export function realShapedCorpus(options?: { count?: number; seed?: number }): Generator<string>;
export function ensureRealShapedCorpus(dir: string, options?: { count?: number; seed?: number }): string[];
export function writeBigNotebook(path: string, imageBytes: number, options?: { notebookMetadata?: string }): void;
