// The Node.js that runs the built bundles in tests: this one, or the one named by AKS_GATE_TEST_NODE
// (.ci/run runs the bundle tests a second time under Node 24, the runtime of the Action and the task).
export const BUNDLE_NODE = process.env.AKS_GATE_TEST_NODE ?? process.execPath;
