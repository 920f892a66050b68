// Terraform `.tf` directories → Terraform resources for the azurerm mapping. (Being written: the
// module reader with variables, tfvars, locals, local modules, count/for_each and dynamic blocks.)

import type { Infrastructure } from '../../documents/cluster/model.js';
import { EMPTY_INFRASTRUCTURE } from '../../documents/cluster/model.js';
import type { InputRecord } from '../../report.js';
import { displayPath } from '../walk.js';
import type { DefinitionProblem } from './read.js';

export interface TerraformOptions {
  readonly cwd?: string;
  /** `--var-file` files, applied after terraform.tfvars and *.auto.tfvars, as Terraform does. */
  readonly varFiles?: readonly string[];
}

export interface TerraformRead {
  readonly infrastructure: Infrastructure;
  readonly problems: DefinitionProblem[];
  readonly inputs: InputRecord[];
}

export function readTerraformDirectory(directories: readonly string[], options: TerraformOptions & { readonly cwd: string }): Promise<TerraformRead> {
  return Promise.resolve({
    infrastructure: EMPTY_INFRASTRUCTURE,
    problems: [],
    inputs: directories.map((d) => ({ path: displayPath(options.cwd, d), status: 'skipped' as const, reason: 'Terraform .tf files are not read by this build yet', documents: 0, objects: 0 })),
  });
}
