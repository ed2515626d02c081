// Public API of the escape-analysis runner (CLI and App wire these).
export { createEscapeRunner, warmStdCache } from './runner.js';
export { goEnv, proxyOnly } from './gorun.js';
export type { GoRunOptions } from './gorun.js';
export type { EscapeRunnerOptions } from './runner.js';
export { prepareGitWorkspaces, prepareArchiveWorkspaces, extractArchive, ArchiveRefusedError, DEFAULT_EXTRACT_LIMITS, removeLiveTempRoots } from './workspace.js';
export type { PreparedWorkspaces, ExtractOptions, ExtractLimits } from './workspace.js';
export { ESCAPE_RULE_META, ESCAPE_RULE_ID } from './rule.js';
export { parseEscapeOutput } from './parse.js';
export type { EscapeDiag, EscapeKind } from './parse.js';
export { diffEscapes, buildComparison } from './compare.js';
export { createSandbox, SANDBOX_NAMES, DEFAULT_LIMITS, BwrapSandbox, DockerSandbox, NoSandbox } from './sandbox/index.js';
export type { Sandbox, SandboxName, SandboxLimits, SandboxRequest, SandboxResult, Availability } from './sandbox/index.js';
