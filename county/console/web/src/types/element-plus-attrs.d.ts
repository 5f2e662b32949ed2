/**
 * What strictTemplates needs to know about attributes the console passes to
 * Element Plus components: `@submit.prevent` on el-form falls through to its
 * root `<form>` (the native submit: the button or Enter in a field).
 */
declare module 'vue' {
  interface ComponentCustomProps {
    onSubmit?: (event: Event) => void;
  }
}

export {};
