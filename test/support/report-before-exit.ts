// Loaded into every test process (`--import`, inherited by the files' child processes). With
// `--test-force-exit`, a test file's process can exit before its last results have left for the
// parent through the stdout pipe, and the parent then counts fewer tests than ran, exit code 0
// (nodejs/node#64833, open). Blocking writes on that pipe put every result through before exit.
// `_handle` is Node's own stream handle (what it does for files and terminals), not a public API.
const stdout = process.stdout as typeof process.stdout & {
  _handle?: { setBlocking?: (blocking: boolean) => unknown };
};
stdout._handle?.setBlocking?.(true);
