import { Space } from 'antd';
import { Link } from 'react-router';

/**
 * The problems (行业性系统性问题) a letter or a campaign was converted from, as links to the problem pages.
 * The server lists only those the reader may open, so nothing here names a problem out of the reader's sight.
 */
export function SourceProblems({ problems }: { problems: readonly { id: string; name: string }[] }) {
  if (!problems.length) return <>—</>;
  return (
    <Space wrap size={4} data-testid="source-problems">
      {problems.map((p) => (
        <Link key={p.id} to={`/problems/${p.id}`}>
          {p.name}
        </Link>
      ))}
    </Space>
  );
}
