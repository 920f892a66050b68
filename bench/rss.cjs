// Preloaded into a measured process: reports its peak resident set size when it exits.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
