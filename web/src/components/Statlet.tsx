import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A small label over its value (the figures in a record's header). */
export function Statlet({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      <div>{children}</div>
    </Flex>
  );
}
