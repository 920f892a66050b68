import type { Path } from '../../documents/locator.js';
import { isRecord, type ManifestObject } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';

/** Ingress classes of the two Application Gateway controllers (both put the WAF of an Application Gateway in front). */
export const INGRESS_CLASS = {
  /** AGIC, add-on or Helm: the IngressClass it creates. */
  agic: 'azure-application-gateway',
  /** AGIC's older `kubernetes.io/ingress.class` annotation value. */
  agicAnnotation: 'azure/application-gateway',
  /** Application Gateway for Containers (ALB Controller) serving the Ingress API. */
  agc: 'azure-alb-external',
} as const;

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export type IngressController = 'agic' | 'agc' | 'other' | 'none';

export interface IngressClass {
  readonly controller: IngressController;
  /** The class as written; undefined when none is. */
  readonly name: string | undefined;
  /** Where the class is written (or `spec`, where it should be). */
  readonly path: Path;
}

/** Which controller serves an Ingress, by `spec.ingressClassName` or else the legacy annotation (the field wins, as in Kubernetes). */
export function ingressClassOf(ingress: ManifestObject): IngressClass {
  const spec = isRecord(ingress.body.spec) ? ingress.body.spec : {};
  const className = spec.ingressClassName;
  if (typeof className === 'string' && className !== '') {
    const controller = className === INGRESS_CLASS.agic ? 'agic' : className === INGRESS_CLASS.agc ? 'agc' : 'other';
    return { controller, name: className, path: ['spec', 'ingressClassName'] };
  }
  const annotation = annotationsOf(ingress)[CLASS_ANNOTATION];
  if (typeof annotation === 'string' && annotation !== '') {
    return {
      controller: annotation === INGRESS_CLASS.agicAnnotation ? 'agic' : 'other',
      name: annotation,
      path: ['metadata', 'annotations', CLASS_ANNOTATION],
    };
  }
  return { controller: 'none', name: undefined, path: ['spec'] };
}

export function annotationsOf(object: ManifestObject): Readonly<Record<string, unknown>> {
  const metadata = isRecord(object.body.metadata) ? object.body.metadata : {};
  return isRecord(metadata.annotations) ? metadata.annotations : {};
}

export default defineRule({
  id: 'ingress-application-gateway',
  checklist: 'SEC-2',
  title: 'Ingresses are served by Application Gateway (AGIC or Application Gateway for Containers)',
  severity: 'warning',
  evidence: ['workload'],
  target: 'object',
  kinds: ['Ingress'],
  messages: {
    otherClass: '{{object}} uses ingress class "{{class}}", which is not Application Gateway: no WAF is in front of it.',
    noClass: "{{object}} names no ingress class: the cluster's default controller serves it, not necessarily Application Gateway with its WAF.",
  },
  help:
    'The checklist wants every way into the cluster to pass an Azure Application Gateway with its Web Application Firewall. ' +
    'An Ingress does that when the Application Gateway Ingress Controller serves it (`spec.ingressClassName: azure-application-gateway`, ' +
    'or the older annotation `kubernetes.io/ingress.class: azure/application-gateway`) or when Application Gateway for Containers ' +
    'does (`spec.ingressClassName: azure-alb-external`). An Ingress of another class (ingress-nginx, the AKS application routing ' +
    'add-on, Traefik, …) is served by a proxy inside the cluster with no WAF in front of it. Traffic can also enter through a ' +
    'Gateway API `Gateway` of an Application Gateway for Containers class, which the rule `gateway-application-gateway` checks.',
  remediation:
    'Set `spec.ingressClassName: azure-application-gateway` (AGIC) or `spec.ingressClassName: azure-alb-external` (Application ' +
    'Gateway for Containers), or move the route to a Gateway API Gateway of class `azure-alb-external`, and attach a WAF policy ' +
    'in Prevention mode to the Application Gateway.',
  references: [
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview',
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-annotations',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/overview',
  ],
  check(ingress, report) {
    const ingressClass = ingressClassOf(ingress);
    switch (ingressClass.controller) {
      case 'agic':
      case 'agc':
        return;
      case 'other':
        report({ messageId: 'otherClass', path: ingressClass.path, data: { class: ingressClass.name ?? '' } });
        return;
      case 'none':
        report({ messageId: 'noClass', path: ingressClass.path });
        return;
    }
  },
});
