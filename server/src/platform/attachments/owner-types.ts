/**
 * The kinds of record a file may belong to (`attachment.owner_type`). The list lives here, below every
 * module, because the blob store and the evidence check name it; which owners an actor sees is the
 * attachments module's owner registry (`modules/attachments/owners.ts`), built from each owner's face.
 */
export const ATTACHMENT_OWNER_TYPES = [
  'supervision_item',
  'clue',
  'case',
  'letter',
  'rectification_task',
  'reform_record',
  'accountability',
  'bulletin',
  'campaign',
  'self_inspection_response',
  'inspection_finding',
] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];
