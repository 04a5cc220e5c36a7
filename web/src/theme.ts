import {
  Badge,
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  Modal,
  Notification,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

// WCAG AA asks 4.5:1 between text and its background. Mantine's default palette misses that for
// most colours (a green or orange label on its light tint is about 2.5:1), so the colours of
// text on tints and of text on filled backgrounds are chosen here by measuring the contrast.

const AA = 4.6; // a little margin over 4.5 for rounding in the browser

const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
const toHex = (rgb: number[]) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The colour darkened step by step until it reads at AA on `background`. */
function readableOn(hex: string, background: string): string {
  let rgb = channels(hex);
  while (contrast(toHex(rgb), background) < AA) rgb = rgb.map((v) => v * 0.92);
  return toHex(rgb);
}

type Shades = readonly string[];
const palette = DEFAULT_THEME.colors as unknown as Record<string, Shades>;

/**
 * Mantine's light variant writes shade 9 on shade 1 (shade 2 on hover) and its outline variant
 * the primary shade on white; both are replaced by a colour measured to read on those surfaces
 * (outlines on a selected or hovered row, #e9ecef, not only on white).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: Object.fromEntries(
    Object.entries(palette).flatMap(([name, shades]) => [
      [`--mantine-color-${name}-light-color`, readableOn(shades[9] ?? '#000000', shades[2] ?? '#ffffff')],
      [`--mantine-color-${name}-outline`, readableOn(shades[8] ?? '#000000', '#e9ecef')],
    ]),
  ),
  dark: {},
});

/** Filled backgrounds take white text where it reads at AA, black where it does not (yellow, lime, orange). */
const resolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  if (input.variant !== 'filled') return base;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const shades = parsed.isThemeColor ? palette[parsed.color] : undefined;
  const fill = shades?.[parsed.shade ?? 8];
  if (!shades || !fill) return base;
  return {
    ...base,
    background: fill,
    hover: shades[9] ?? fill,
    color: contrast(fill, '#ffffff') >= AA ? '#ffffff' : '#000000',
  };
};

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 of indigo carries white text and links on white at AA (5.7:1); shade 6 does not.
  primaryShade: 8,
  variantColorResolver: resolver,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
    }),
    // A dialog's × is a button like any other: it needs a name (a dialog may name it better).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // Badges keep their whole word: never "ACTI…" in a narrow table cell.
    Badge: Badge.extend({
      styles: {
        root: { textTransform: 'none', flexShrink: 0, overflow: 'visible' },
        label: { overflow: 'visible', textOverflow: 'clip' },
      },
    }),
  },
});
