import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageProps {
  title: ReactNode;
  /** Toolbar on the right of the title (buttons shown from abilities). */
  extra?: ReactNode;
  /** Line under the title. */
  description?: ReactNode;
  children: ReactNode;
  /** Render children without the surrounding card (pages made of several cards). */
  bare?: boolean;
  testId?: string;
}

/** The frame of every screen: title row with a toolbar, then the content card. */
export function Page({ title, extra, description, children, bare, testId }: PageProps) {
  return (
    <div className="ld-page" data-testid={testId}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <div>
          {/* The screen's one h1 (screen readers jump to it), drawn at the size of antd's h4 as before. */}
          <Typography.Title level={1} className="ld-page-title">
            {title}
          </Typography.Title>
          {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {bare ? children : <Card size="small">{children}</Card>}
    </div>
  );
}
