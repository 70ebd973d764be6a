// Preloaded (NODE_OPTIONS=--require) into the node processes a benchmark starts, including those
// git starts (the filter): each appends its peak resident memory, in kB, to the file named by
// ML_HOOKS_BENCH_RSS_FILE when it exits.
process.on('exit', () => require('node:fs').appendFileSync(process.env.ML_HOOKS_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`));
