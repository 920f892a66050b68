// What the azurerm mapping needs from a Terraform resource, whichever way it was written: a `.tf`
// block (values evaluated from HCL, positions from the parser) or a resource of `terraform show -json`
// plan output (values from the plan, positions from the JSON). One mapping serves both.

import type { Field, Resolved, SourceLocation } from '../../documents/cluster/model.js';

export interface Block {
  /** The block's header line (`resource "azurerm_kubernetes_cluster" "main" {`, `network_profile {`). */
  readonly at: SourceLocation;
  /**
   * An attribute as written: its value (known, or unknown with the reason) and where it is. Undefined
   * when the attribute is not set. A reference to another resource's `id` resolves to that resource's
   * address (`azurerm_kubernetes_cluster.main`), so references can be matched to the model's ids.
   */
  attribute(name: string): Field<unknown> | undefined;
  /** Nested blocks of one type, in order (dynamic blocks expanded where their for_each is known). */
  blocks(type: string): readonly Block[];
}

/** A Terraform resource: its address (with module path and index) and its body. */
export interface TerraformResource {
  readonly type: string;
  readonly address: string;
  readonly format: 'terraform' | 'terraform-plan';
  readonly body: Block;
}

export function knownValue<T>(value: T): Resolved<T> {
  return { known: true, value };
}

export function unknownValue(reason: string): Resolved<never> {
  return { known: false, reason };
}
