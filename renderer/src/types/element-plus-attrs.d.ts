/**
 * What strictTemplates needs to know about attributes this app passes to
 * Element Plus components. None is a prop: Vue lets each fall through to the
 * component's root element (the `<form>` of el-form, the `<img>` wrapper of
 * el-image …), and that is where the browser, screen readers and the e2e
 * tests find them. `data-*` attributes are allowed in tsconfig (dataAttributes).
 */
import type { vLoading } from 'element-plus';

declare module 'vue' {
  interface GlobalDirectives {
    /** Installed globally by `app.use(ElementPlus)` in main.ts. */
    vLoading: typeof vLoading;
  }

  interface ComponentCustomProps {
    /** The native submit of el-form's `<form>` (Enter in a field), used as `@submit.prevent`. */
    onSubmit?: (event: Event) => void;
    title?: string;
    alt?: string;
    role?: string;
    'aria-label'?: string;
  }
}

export {};
