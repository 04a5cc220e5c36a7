import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table wider than a phone's screen, scrolling sideways (and down, past `maxHeight`) inside its
 * card while the page stays put. It takes the keyboard's focus, so it can be scrolled without a
 * pointer when it holds nothing else to focus.
 */
export function ScrollRegion({
  label,
  minWidth,
  maxHeight,
  children,
}: {
  label: string;
  minWidth: number;
  maxHeight?: number;
  children: ReactNode;
}) {
  return (
    <Box tabIndex={0} role="region" aria-label={label} style={{ overflow: 'auto', maxHeight }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
