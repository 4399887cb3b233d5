import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';

/** A tier as a coloured tag (the tier's own colour, white text), e.g. `A 类客户`. */
export function TierBadge(props: { name: string; color: string; title?: ReactNode; testId?: string }) {
  const tag = (
    <Tag
      color={props.color}
      bordered={false}
      style={{ marginInlineEnd: 0, fontWeight: 500 }}
      data-testid={props.testId}
    >
      {props.name}
    </Tag>
  );
  return props.title ? <Tooltip title={props.title}>{tag}</Tooltip> : tag;
}

/**
 * A customer tag as a chip: an outlined tag in the tag's colour. `auto` marks a rule tag; `onClose`
 * (manual tags the user may edit) adds the ×.
 */
export function TagChip(props: {
  name: string;
  color: string;
  auto?: ReactNode;
  onClose?: () => void;
  testId?: string;
}) {
  return (
    <Tag
      color={props.color}
      closable={!!props.onClose}
      onClose={(e) => {
        e.preventDefault();
        props.onClose?.();
      }}
      style={{ marginInlineEnd: 0 }}
      data-testid={props.testId}
    >
      {props.name}
      {props.auto && <span style={{ marginInlineStart: 4, opacity: 0.75, fontSize: 11 }}>{props.auto}</span>}
    </Tag>
  );
}
