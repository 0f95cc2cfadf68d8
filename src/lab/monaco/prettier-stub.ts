// Stands in for Prettier (`prettier/standalone`, `prettier/plugins/yaml`, `prettier/plugins/estree`)
// inside monaco-yaml's worker. yaml-language-server imports Prettier only for "Format document",
// which the lab does not offer (setup.ts: `format: { enable: false }`); the real thing would add
// ~400 kB (gzip ~110 kB) to the worker. astro.config.mjs (`monacoYamlWithoutPrettier`) points those
// imports here, for monaco-yaml's worker only. Should formatting ever be asked for anyway,
// YAMLFormatter.format catches the error and changes nothing.
export async function format(): Promise<string> {
  throw new Error('formatting is not part of the lab');
}
