import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** Section 508 refers to WCAG 2.0 A and AA; WCAG 2.1 A and AA is what federal agencies are asked to meet now. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFigures {
  page: string;
  violations: number;
  passes: number;
  /** Rules axe could not decide (it asks a person to check them), with how many elements each. */
  incomplete: string[];
}

/** One line per violation and one per element it names, so a failing run says what to fix. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.map(String).join(' >>> ')}`).join('\n');
      return `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe-core's WCAG 2.1 AA rules on the page as it is now; fails on any violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<AxeFigures> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA_TAGS).analyze();
  assert.equal(
    results.violations.length,
    0,
    `axe-core (WCAG 2.1 AA) on ${label}: ${results.violations.length} violation(s)\n${describeViolations(results.violations)}`,
  );
  return {
    page: label,
    violations: 0,
    passes: results.passes.length,
    incomplete: results.incomplete.map((r) => `${r.id} (${r.nodes.length})`),
  };
}
