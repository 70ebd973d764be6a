// The guard's policy from the repository's configuration, through the one shared loader
// (src/config/), so the limits and where they were set read the same in every message.
import { loadConfig } from '../config/loadConfig.js';
import { guardPolicyFromConfig } from './guardPolicyFromConfig.js';
import type { GuardPolicy } from './sizePolicy.js';

export interface GuardConfigResult {
  policy: GuardPolicy;
  errors: string[];
}

export async function loadGuardConfig(repoRoot: string): Promise<GuardConfigResult> {
  const { config, origins, errors } = await loadConfig(repoRoot);
  return { policy: guardPolicyFromConfig(config, origins), errors };
}
