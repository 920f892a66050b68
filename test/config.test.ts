import { describe, expect, it } from 'vitest';
import { INPUTS, parseConfig, parseSize, type InputName } from '../shared/config.js';

const config = (inputs: Partial<Record<InputName, string>>) => parseConfig((name) => inputs[name]);

describe('configuration', () => {
  it('has defaults for everything', () => {
    const c = config({});
    expect(c).toMatchObject({ paths: ['.'], failOn: 'error', maxFileSize: 10 * 1024 * 1024, sarifFile: undefined, kubernetesVersion: undefined });
    expect(c.images).toMatchObject({ scanners: 'auto', threshold: 'high', ignoreUnfixed: false, offline: false, timeoutMs: 300_000, concurrency: undefined });
  });

  it('reads multi-line and comma lists as pipelines write them', () => {
    const c = config({ path: 'k8s\r\ndeploy\n\n', 'allowed-registries': '*.azurecr.io, mcr.microsoft.com\nghcr.io', image: 'nginx:1.27\n', scanners: 'Trivy, grype' });
    expect(c.paths).toEqual(['k8s', 'deploy']);
    expect(c.allowedRegistries).toEqual(['*.azurecr.io', 'mcr.microsoft.com', 'ghcr.io']);
    expect(c.images.extraImages).toEqual(['nginx:1.27']);
    expect(c.images.scanners).toEqual(['trivy', 'grype']);
    expect(config({ scanners: 'none' }).images.scanners).toEqual([]);
  });

  it.each([
    [{ 'fail-on': 'sometimes' }, /^fail-on must be one of error, warning, note, never \(got "sometimes"\)$/],
    [{ 'kubernetes-version': 'latest' }, /^kubernetes-version must look like 1\.30/],
    [{ 'max-file-size': '10 parsecs' }, /^max-file-size must be a size/],
    [{ scanners: 'clair' }, /^scanners must be auto, none, trivy, grype/],
    [{ 'vulnerability-threshold': 'severe' }, /^vulnerability-threshold must be one of critical, high, medium, low/],
    [{ 'ignore-unfixed': 'maybe' }, /^ignore-unfixed must be true or false/],
    [{ 'scan-timeout': '-5' }, /^scan-timeout must be a positive number/],
  ] as const)('refuses %j with one line naming the input', (inputs, message) => {
    expect(() => config(inputs)).toThrow(message);
  });

  it('parses sizes with units', () => {
    expect(parseSize('512KiB')).toBe(512 * 1024);
    expect(parseSize('10MB')).toBe(10_000_000);
    expect(parseSize('2048')).toBe(2048);
  });

  it('describes every input and gives it a default', () => {
    for (const [name, input] of Object.entries(INPUTS)) {
      expect(input.description.length, name).toBeGreaterThan(20);
      expect(typeof input.default, name).toBe('string');
    }
  });
});
