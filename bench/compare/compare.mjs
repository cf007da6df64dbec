// Runs textlint (sentence-length + a prh dictionary of vague words, one config per language)
// and `headway lint` on the same generated 10,000-note corpus, in one process each, and prints
// both throughputs and their ratio.
//
//   npm ci && node compare.mjs [--notes 10000] [--headway "dotnet ../../src/Headway.Cli/bin/Release/net10.0/headway.dll lint"]
//
// Without --headway (or $HEADWAY_LINT) the script builds src/Headway.Cli in Release first.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { createLinter, loadTextlintrc } from "textlint";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = Number(option("--notes", "10000"));

// ---- corpus: deterministic, 1–2 sentence notes in four languages with varied slots -------------
let seed = 20240501;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const templates = {
  en: [
    () => `Customer will not deploy ${pick(["Exchange Online", "Teams", "SharePoint Online"])} because the ${pick(["firewall", "proxy", "VPN concentrator"])} ${pick(["drops long-lived connections", "strips authentication headers", "blocks port 443 to the service"])}, so ${pick(["mailboxes cannot connect", "users cannot sign in", "sync fails"])}.`,
    () => `No response to ${1 + Math.floor(rand() * 6)} contact attempts by email and phone. ${pick(["Managed", "Unmanaged"])} account.`,
    () => `Customer is ${pick(["currently", "", "still"])} in the pilot phase with ${10 + Math.floor(rand() * 90)} users in ${pick(["finance", "sales", "IT"])}.`,
    () => pick(["Customer can't deploy at this time.", "In progress.", "Customer unresponsive.", "Can't deploy due to cloud/data/legal issues."]),
  ],
  de: [
    () => `Kunde stellt nicht bereit, da die ${pick(["Firewall", "Proxy-Lösung"])} den Datenverkehr ${pick(["nicht weiterleitet", "blockiert"])} und Outlook keine Verbindung herstellen kann.`,
    () => `Kunde antwortet nicht auf ${1 + Math.floor(rand() * 6)} Kontaktversuche. ${pick(["Verwaltetes", "Nicht verwaltetes"])} Konto.`,
    () => `Keine Absicht, da der Kunde z. B. für Chat ${pick(["zurzeit", "seit 2021"])} auf ${pick(["Slack", "Zoom", "Webex"])} standardisiert hat.`,
    () => pick(["Kunde kann zurzeit nicht bereitstellen.", "In Bearbeitung", "Kunde reagiert nicht."]),
  ],
  zh: [
    () => `由于${pick(["防火墙", "代理服务器"])}无法正确转发流量，Outlook 无法连接到邮箱，客户无法部署。`,
    () => `${1 + Math.floor(rand() * 6)} 次尝试联系客户都无反应。客户${pick(["已托管", "为非托管客户"])}。`,
    () => `客户${pick(["目前", ""])}没有意向使用 Teams，因为全公司已经标准化使用${pick(["钉钉", "企业微信", "飞书"])}。`,
    () => pick(["客户暂时无法部署。", "进行中。", "客户无反应。"]),
  ],
  ja: [
    () => `${pick(["ファイアウォール", "プロキシ"])}がトラフィックを転送せず、Outlook がメールボックスに接続できないため、展開できません。`,
    () => `${1 + Math.floor(rand() * 6)} 回連絡を試みても返信がありません。${pick(["管理対象", "非管理"])}のお客様です。`,
    () => `お客様は${pick(["現在", ""])}パイロット段階にあり、経理部の ${10 + Math.floor(rand() * 90)} 名で検証しています。`,
    () => pick(["お客様は現在展開できません。", "進行中。", "お客様の無反応。"]),
  ],
};
const languages = Object.keys(templates);
const notes = [];
for (let i = 0; i < count; i++) {
  const lang = languages[i % languages.length];
  notes.push({ id: `n${i}`, lang, text: pick(templates[lang])() });
}
const work = mkdtempSync(join(tmpdir(), "headway-compare-"));
const input = join(work, "notes.jsonl");
writeFileSync(input, notes.map((n) => JSON.stringify({ id: n.id, lang: n.lang, text: n.text })).join("\n") + "\n");

// ---- textlint: one linter per language, all notes in this process ------------------------------
const linters = {};
for (const lang of languages) {
  const descriptor = await loadTextlintrc({ configFilePath: join(here, "config", `textlintrc.${lang}.json`), node_modulesDir: join(here, "node_modules") });
  linters[lang] = createLinter({ descriptor });
}
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
let textlintMessages = 0;
const t0 = performance.now();
for (const note of notes) {
  const result = await linters[note.lang].lintText(note.text, `note.${note.lang}.txt`);
  textlintMessages += result.messages.length;
}
const textlintSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

// ---- headway lint ------------------------------------------------------------------------------
let headwayCommand = option("--headway", process.env.HEADWAY_LINT);
if (!headwayCommand) {
  const build = spawnSync("dotnet", ["build", join(repo, "src", "Headway.Cli"), "-c", "Release", "-v", "q", "-nologo"], { stdio: "inherit" });
  if (build.status !== 0) {
    throw new Error("dotnet build of src/Headway.Cli failed");
  }
  headwayCommand = `dotnet ${join(repo, "src", "Headway.Cli", "bin", "Release", "net10.0", "headway.dll")} lint`;
}
const [cmd, ...cmdArgs] = headwayCommand.split(" ").filter(Boolean);
// Runs headway lint on the given JSON Lines and returns [seconds, output lines].
const runHeadway = (data) => new Promise((resolvePromise, reject) => {
  const started = performance.now();
  const child = spawn(cmd, cmdArgs, { stdio: ["pipe", "pipe", "inherit"] });
  let lines = 0;
  child.stdout.on("data", (chunk) => { for (const b of chunk) if (b === 10) lines++; });
  child.on("error", reject);
  child.on("close", (code) => (code === 0 ? resolvePromise([(performance.now() - started) / 1000, lines]) : reject(new Error(`headway lint exited with ${code}`))));
  child.stdin.end(data);
});
// textlint's figure excludes loading its configuration and rules, so Headway's start-up
// (an empty run) is measured too and reported both ways.
const [startSeconds] = await runHeadway("");
const [headwaySeconds, headwayLines] = await runHeadway(readFileSync(input));
if (headwayLines !== notes.length) {
  throw new Error(`headway lint wrote ${headwayLines} lines for ${notes.length} notes`);
}

const textlintRate = notes.length / textlintSeconds;
const headwayRate = notes.length / headwaySeconds;
console.log(`notes: ${notes.length} (${languages.join(", ")})`);
console.log(`textlint ${JSON.parse(readFileSync(join(here, "node_modules", "textlint", "package.json"))).version}: ${textlintSeconds.toFixed(2)} s, ${textlintRate.toFixed(0)} notes/s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB, ${textlintMessages} messages`);
const steadyRate = notes.length / Math.max(headwaySeconds - startSeconds, 1e-6);
console.log(`headway lint: ${headwaySeconds.toFixed(2)} s with process start (${startSeconds.toFixed(2)} s of it), ${headwayRate.toFixed(0)} notes/s; ${steadyRate.toFixed(0)} notes/s without start-up`);
console.log(`ratio (headway / textlint): ${(headwayRate / textlintRate).toFixed(1)}x with Headway's start-up, ${(steadyRate / textlintRate).toFixed(1)}x without (as textlint is timed)`);
