// Set at build time from package.json (esbuild `define`); "dev" when running from source.
declare const __AKS_GATE_VERSION__: string | undefined;

export const TOOL = {
  name: 'aks-gate',
  version: typeof __AKS_GATE_VERSION__ === 'string' ? __AKS_GATE_VERSION__ : '0.0.0-dev',
  informationUri: 'https://github.com/aks-gate/aks-gate',
} as const;
