// Reads the SARIF log that `Sarif.Multitool validate` wrote and prints one
// line per problem at level "error" (the multitool itself always exits 0):
//   <absolute path of the validated file>\t<rule id>: <message>
// Results without a level are warnings (SARIF's default), so they are not
// counted; nor are the multitool's own notes. Errors the tool could not pin to
// a file (it failed to run) are printed with the path "-".
"use strict";
const fs = require("fs");
const { fileURLToPath } = require("url");

function fileOf(locations) {
  const uri = locations && locations[0] && locations[0].physicalLocation &&
    locations[0].physicalLocation.artifactLocation && locations[0].physicalLocation.artifactLocation.uri;
  if (!uri) return "-";
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

// The multitool writes messages as a template id plus arguments.
function textOf(message, rule) {
  // Some messages quote the offending character, which may be a NUL.
  if (message.text !== undefined) return message.text.replace(/\0/g, "\\0");
  const tpl = ((rule && rule.messageStrings) || {})[message.id];
  const args = message.arguments || [];
  const text = tpl ? tpl.text.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)]) : `${message.id} ${args.join(" | ")}`;
  return text.replace(/\0/g, "\\0");
}

const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const run of log.runs || []) {
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  for (const r of run.results || []) {
    if (r.level !== "error") continue;
    const rule = rules[r.ruleIndex] || rules.find((x) => x.id === r.ruleId);
    console.log(`${fileOf(r.locations)}\t${r.ruleId}: ${textOf(r.message, rule)}`);
  }
  for (const inv of run.invocations || []) {
    if (inv.executionSuccessful === false) console.log("-\ttool: the multitool run did not succeed");
    for (const n of inv.toolExecutionNotifications || []) {
      if (n.level !== "error") continue;
      const id = (n.descriptor && n.descriptor.id) || "tool";
      console.log(`${fileOf(n.locations)}\t${id}: ${textOf(n.message)}`);
    }
  }
}
