import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import { pdfText } from '../documents/pdf-kit.ts';
import type { ChartSpec } from './reports.charts.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans Condensed, shipped with the backend (npm `dejavu-fonts-ttf`): the PNG never depends on
 * the server's installed fonts, and nothing is fetched. */
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf'),
];
const FAMILY = 'DejaVu Sans Condensed';

// Without a canvas ECharts guesses text widths, and its guess is narrower than the drawn
// font: labels overran the chart's edge. It measures with Helvetica's metrics instead
// (pdf-lib's standard font tables), which DejaVu Sans Condensed matches within a few per cent.
// pdf-lib's enum and its embedder's font-name type are the same strings, typed apart.
type FontName = Parameters<typeof StandardFontEmbedder.for>[0];
const regular = StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as FontName);
const bold = StandardFontEmbedder.for(StandardFonts.HelveticaBold as unknown as FontName);
echarts.setPlatformAPI({
  measureText(text: string, font?: string) {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
    const metrics = /bold|[6-9]00/.test(font ?? '') ? bold : regular;
    // Helvetica's tables cover WinAnsi only: anything else (the ellipsis ECharts cuts long
    // labels with) is measured as a character of average width.
    return { width: metrics.widthOfTextAtSize(pdfText(text), size) };
  },
});

/**
 * Draws a chart's ECharts options server-side, exactly as the screen receives them: SVG by
 * ECharts' SSR renderer, rasterised by resvg at `scale` times the size (sharp in print),
 * returned as PNG for pdf-lib.
 */
export function renderChartPng(
  chart: ChartSpec,
  size: { width: number; height: number },
  scale = 2,
): Buffer {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    // The font the PNG is drawn with first, so text is measured and drawn alike.
    instance.setOption({
      ...chart.option,
      textStyle: { fontFamily: FAMILY },
    });
    const svg = instance.renderToSVGString();
    const png = new Resvg(svg, {
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FAMILY },
      fitTo: { mode: 'zoom', value: scale },
      background: '#ffffff',
    })
      .render()
      .asPng();
    return Buffer.from(png);
  } finally {
    instance.dispose();
  }
}
