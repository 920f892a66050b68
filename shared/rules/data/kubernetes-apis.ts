// PLACEHOLDER: replaced by the SEC-5 work (the table of removed and deprecated APIs).
export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}
export const KUBERNETES_VERSIONS_NEWEST: KubernetesVersion = { major: 1, minor: 35 };
