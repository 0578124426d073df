// The Node.js options every launcher the packages ship runs the program with (score.cmd, the three
// drop .cmd files, the Linux `score`), and the bench with them: tools/dist.ts refuses a launcher that
// lost them.
//
// `--max-inlined-bytecode-size=40`: TurboFan inlines only small functions (a byte test, a getter; V8's
// default is 460 bytes of bytecode). A clerk's run is short, and most of its CPU went to compiling:
// on the bench's township the township takes ~15 % less wall and ~20 % less CPU, the long runs the
// same (docs/performance.md, 第六轮). The option is given on the command line, never set from inside
// the program: set at run time with v8.setFlagsFromString it changed under a compile job already
// running on V8's background thread, and V8 stopped the process (a CHECK in JSInliner, CI 2026-12-07,
// when 评定.cmd ran the program twice in one process). Without it (`node bin/score.js`, npm's own
// bin) the program gives the same results, only compiled as V8 chooses (test/cli/county-slice.test.ts).
export const NODE_FLAGS: readonly string[] = ['--max-inlined-bytecode-size=40'];
