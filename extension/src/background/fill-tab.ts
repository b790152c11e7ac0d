import fillScript from '../content/fill-code.ts?iife';
import { type FillRequest, type FillResult, NO_FIELD_MESSAGE, type ProbeResult } from '../fill/fill-page.ts';
import { originPattern } from '../fill/frame-access.ts';
import { t } from '../i18n/t.ts';
import { browser } from '../platform/browser.ts';
import type { FillReply } from './messages.ts';

/**
 * Fills a code into the tab through `activeTab` + `scripting`: the fill script goes into every frame
 * the extension may reach (same-origin and cross-origin iframes alike), each frame says how sure
 * its best field is, and only the surest frame is filled. Nothing is submitted.
 */

function callFill(request: FillRequest): unknown {
  return globalThis.__twoFactorFill?.(request);
}

interface FrameAnswer<T> {
  frameId: number;
  result?: T;
}

type Target = { tabId: number; frameId?: number };

async function inFrames<T>(target: Target, request: FillRequest, frameIds?: number[]) {
  const where =
    frameIds !== undefined
      ? { tabId: target.tabId, frameIds }
      : target.frameId !== undefined
        ? { tabId: target.tabId, frameIds: [target.frameId] }
        : { tabId: target.tabId, allFrames: true };
  return (await browser.scripting.executeScript({
    target: where,
    func: callFill,
    args: [request],
  })) as FrameAnswer<T>[];
}

/** The frame to fill: the surest field wins; on a tie the frame that has the focus, then the top one. */
function bestFrame(answers: FrameAnswer<ProbeResult>[]): number | undefined {
  const found = answers.flatMap(({ frameId, result }) => (result?.found ? [{ frameId, ...result }] : []));
  found.sort(
    (a, b) => a.rank - b.rank || Number(b.focused) - Number(a.focused) || (a.frameId === 0 ? -1 : 1),
  );
  return found[0]?.frameId;
}

/**
 * No frame the extension reached has a field. When the page holds frames from origins it may not
 * enter (activeTab covers the tab's own origin only), the field is most likely there: say which.
 */
async function nothingReachable(answers: FrameAnswer<ProbeResult>[]): Promise<FillReply> {
  const frames = answers.flatMap(({ result }) => result?.frames ?? []);
  for (const origin of new Set(frames)) {
    if (!(await browser.permissions.contains({ origins: [originPattern(origin)] }))) {
      return { ok: false, message: NO_FIELD_MESSAGE, frameOrigin: origin };
    }
  }
  return { ok: false, message: NO_FIELD_MESSAGE };
}

function refusal(error: unknown): FillReply {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    message: t('cannotFillPage', detail),
  };
}

/** `frameId`: the frame the user pointed at (the context menu); otherwise every frame is asked. */
export async function fillTab(target: Target, code: string): Promise<FillReply> {
  const preferFocused = target.frameId !== undefined;
  try {
    const files = [fillScript];
    await browser.scripting.executeScript({
      target:
        target.frameId !== undefined
          ? { tabId: target.tabId, frameIds: [target.frameId] }
          : { tabId: target.tabId, allFrames: true },
      files,
    });
    const answers = await inFrames<ProbeResult>(target, { action: 'probe', preferFocused });
    const frameId = bestFrame(answers);
    if (frameId === undefined) return nothingReachable(answers);
    const [answer] = await inFrames<FillResult>(target, { action: 'fill', code, preferFocused }, [frameId]);
    if (!answer?.result?.filled) return { ok: false, message: NO_FIELD_MESSAGE };
    return { ok: true };
  } catch (error) {
    return refusal(error);
  }
}
