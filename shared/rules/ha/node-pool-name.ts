// How a node pool is named in messages: its `name` as written, else the reader's display name.

import { known, type NodePool } from '../../documents/cluster/model.js';

export function nodePoolName(pool: NodePool): string {
  return known(pool.name) ?? pool.displayName;
}
