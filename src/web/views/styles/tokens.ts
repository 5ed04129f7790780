/** Colours, type and sizes, for light and dark schemes. `--c-*` fill bars and icons, `--t-*` colour text on the card surface (≥ 4.5:1 in both schemes). */
export const TOKENS_CSS = `
:root {
  color-scheme: light dark;
  --font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji";
  --bg: #f5f6f8;
  --surface: #ffffff;
  --surface-2: #f2f4f7;
  --border: #e2e6ec;
  --border-strong: #cdd3dc;
  --text: #101828;
  --text-2: #475467;
  --text-3: #5b6574;
  --link: #1d4ed8;
  --focus: #2563eb;
  --shadow: 0 1px 2px rgb(16 24 40 / 0.05);
  --shadow-lg: 0 10px 30px -8px rgb(16 24 40 / 0.28), 0 2px 6px rgb(16 24 40 / 0.12);
  --tip-bg: #101828;
  --tip-text: #f2f4f7;
  --tip-muted: #c3cad5;
  --glyph: #ffffff;
  --hatch: rgb(255 255 255 / 0.4);

  --c-ok: #16a34a;
  --c-mt: #3b82f6;
  --c-dg: #eab308;
  --c-po: #f97316;
  --c-fo: #dc2626;
  --c-nd: #d6dbe2;

  --t-ok: #15803d;
  --t-mt: #1d4ed8;
  --t-dg: #8a5a00;
  --t-po: #c2410c;
  --t-fo: #b91c1c;

  --tint-ok: #ecfdf3;
  --tint-mt: #eff4ff;
  --tint-dg: #fef7e0;
  --tint-po: #fff3ea;
  --tint-fo: #fef1f1;
  --tint-none: #f2f4f7;
  --radius: 12px;
  --wrap: 54rem;
}

@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0b0f14;
    --surface: #131a22;
    --surface-2: #1a222c;
    --border: #253040;
    --border-strong: #35414f;
    --text: #e7ecf2;
    --text-2: #a9b4c2;
    --text-3: #97a3b2;
    --link: #7aa7ff;
    --focus: #7aa7ff;
    --shadow: 0 1px 2px rgb(0 0 0 / 0.4);
    --shadow-lg: 0 12px 32px -6px rgb(0 0 0 / 0.7), 0 2px 6px rgb(0 0 0 / 0.5);
    --tip-bg: #e7ecf2;
    --tip-text: #101828;
    --tip-muted: #475467;
    --hatch: rgb(11 15 20 / 0.4);

    --c-ok: #22c55e;
    --c-mt: #60a5fa;
    --c-dg: #facc15;
    --c-po: #fb923c;
    --c-fo: #f87171;
    --c-nd: #2b3542;

    --t-ok: #4ade80;
    --t-mt: #8ab8ff;
    --t-dg: #fcd34d;
    --t-po: #fdba74;
    --t-fo: #fca5a5;

    --tint-ok: #0f2a1b;
    --tint-mt: #13233d;
    --tint-dg: #2c2408;
    --tint-po: #2f1b0c;
    --tint-fo: #321315;
    --tint-none: #1a222c;
  }
}
`;
