import { z } from 'zod';

/** The outbox kind of one subscriber's notification mail. */
export const NOTIFICATION_EMAIL_KIND = 'notification.email';

export const NotificationMailPayloadSchema = z.object({
  subscriptionId: z.string().min(1).max(64),
  notice: z.object({
    id: z.string(),
    kind: z.enum(['incident.update', 'maintenance.change']),
    at: z.iso.datetime(),
    title: z.string(),
    status: z.string(),
    message: z.string().nullable(),
    componentNames: z.array(z.string()),
    window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }).optional(),
  }),
});

/** One subscriber's mail as queued: whom (the subscription, re-read at send time) and what to say. */
export type NotificationMailPayload = z.infer<typeof NotificationMailPayloadSchema>;
