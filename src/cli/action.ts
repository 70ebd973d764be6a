// The GitHub Action's entry (action.yml: `runs.main: dist/action.js`). GitHub starts it with no
// arguments; it is the CLI running `ml-hooks github-action`, so main.ts alone sets the exit code.
process.argv.splice(2, process.argv.length - 2, 'github-action');
await import('./main.js');
