// Zendesk's JSON, as its API reference documents it (only the keys the import reads).

export type ZdVia = {
  channel?: string | null;
  source?: { rel?: string | null; from?: Record<string, unknown>; to?: Record<string, unknown> } | null;
};

export type ZdOrganization = {
  id: number;
  name: string;
  domain_names?: string[];
  created_at?: string;
  updated_at?: string;
};
export type ZdGroup = {
  id: number;
  name: string;
  description?: string | null;
  deleted?: boolean;
  created_at?: string;
};
export type ZdGroupMembership = { id: number; user_id: number; group_id: number; default?: boolean };
export type ZdUser = {
  id: number;
  name: string;
  email?: string | null;
  phone?: string | null;
  role: 'end-user' | 'agent' | 'admin' | string;
  organization_id?: number | null;
  active?: boolean;
  suspended?: boolean;
  created_at?: string;
  updated_at?: string;
};
export type ZdIdentity = { id: number; user_id: number; type: string; value: string; primary?: boolean };
export type ZdCustomStatus = {
  id: number;
  status_category: 'new' | 'open' | 'pending' | 'hold' | 'solved';
  agent_label: string;
  active?: boolean;
};
export type ZdTicketField = {
  id: number;
  type: string;
  title: string;
  active?: boolean;
  custom_field_options?: { id: number; name: string; value: string }[];
};
export type ZdTicket = {
  id: number;
  subject?: string | null;
  description?: string | null;
  type?: string | null;
  status: string;
  custom_status_id?: number | null;
  priority?: string | null;
  requester_id: number;
  assignee_id?: number | null;
  organization_id?: number | null;
  group_id?: number | null;
  problem_id?: number | null;
  tags?: string[];
  custom_fields?: { id: number; value: unknown }[];
  satisfaction_rating?: { id?: number; score?: string; comment?: string | null } | null;
  via?: ZdVia | null;
  created_at: string;
  updated_at: string;
};
export type ZdAttachment = {
  id: number;
  file_name: string;
  content_type?: string | null;
  content_url: string;
};
export type ZdComment = {
  id: number;
  author_id: number;
  body?: string;
  html_body?: string;
  plain_body?: string;
  public: boolean;
  attachments?: ZdAttachment[];
  via?: ZdVia | null;
  created_at: string;
};
