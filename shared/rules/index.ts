// Every rule aks-gate ships, as an explicit list sorted by id: bundlers need literal imports, and the
// meta-tests check this list against the files, the checklist and the fixtures.

import type { Rule } from './define-rule.js';
import servicePublicLoadBalancer from './sec/service-public-load-balancer.js';

export const RULES: readonly Rule[] = [
  servicePublicLoadBalancer,
];
