import type { CalendarDayKind } from '@liandong/domain/calendar/calendar';
import type { CalendarEntry, CalendarYearResultSchema } from '@liandong/domain/calendar/contracts';
import type { z } from 'zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** An exception day and a year of the working-day calendar (domain/src/calendar/contracts.ts). */
export type CalendarException = CalendarEntry;
export type CalendarYear = z.infer<typeof CalendarYearResultSchema>;

const CAL = ['calendar'] as const;

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [...CAL, 'year', year],
    queryFn: ({ signal }) => api.get<CalendarYear>('/api/v1/calendar', { year }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useSetDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ day, ...body }: { day: string; kind: CalendarDayKind; nameZh: string; version?: number }) =>
      api.put<CalendarEntry>(`/api/v1/calendar/days/${day}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAL }),
  });
}

export function useClearDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => api.delete<{ ok: true }>(`/api/v1/calendar/days/${day}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAL }),
  });
}

/** 工作日计算: n working days after a day (the day itself not counted). */
export function useAddWorkingDays() {
  return useMutation({
    mutationFn: ({ from, days }: { from: string; days: number }) =>
      api.get<{ day: string; calendarUnconfirmed: boolean }>('/api/v1/calendar/add', { from, days }),
  });
}

/** Working days between two days. */
export function useCountWorkingDays() {
  return useMutation({ mutationFn: ({ from, to }: { from: string; to: string }) => api.get<{ count: number }>('/api/v1/calendar/working-days', { from, to }) });
}

/** 导入节假日安排: an Excel or ICS file replaces each year it covers (all or nothing; row errors otherwise). */
export function useImportArrangement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const format = file.name.toLowerCase().endsWith('.ics') ? 'ics' : 'xlsx';
      const form = new FormData();
      form.append('file', file);
      return api.upload<{ years: number[]; days: number }>('/api/v1/calendar/import', form, { format });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAL }),
  });
}
