import type { Command } from '../context.js';
export const run: Command = async (_argv, ctx) => {
  ctx.stderr.write('ml-hooks strip: not built yet\n');
  return 70;
};
